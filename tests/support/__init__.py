"""Helpers the tests share: fixtures built independently of the library."""
