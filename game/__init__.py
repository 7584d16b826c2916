"""Parley: a negotiation simulation game for the classroom."""

from game import _native

# The hot modules compiled with mypyc, when a fresh build of them exists (see game._native).
_native.activate(__path__)
