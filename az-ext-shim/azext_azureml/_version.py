"""The extension's version: the binary's major.minor must match it."""

VERSION = "0.1.0"
