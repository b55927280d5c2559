// Benchmarks for `make bench`; each suite prints its figures. Timing goals live here, never in tests.
print("recipe-console benchmarks")
