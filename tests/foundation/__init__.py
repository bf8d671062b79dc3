"""Tests of the foundation: readers, boilerplate, metadata, claims, the CLI's input handling, the contract."""
