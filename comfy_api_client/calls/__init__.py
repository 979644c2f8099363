"""Request descriptions: one function per request, and sending and reading one Call."""
