"""The I/O-free core: rules, cores and decisions, free of sockets, threads and event loops."""
