"""`make bench`: the benchmark suite of issue 9 (see bench/README.md). Never imported by the site
unless the EDUFEST_BENCH_VIEWS setting is on."""
