"""One module per kind of page: start, routes, compose, download. Each returns a `View`."""
