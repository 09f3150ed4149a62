"""Run the benchmarks named on the command line (default: all)."""

import importlib
import sys

BENCHMARKS = ("bench_api", "bench_status_sync", "bench_health")


def main(argv=None):
    names = (argv if argv is not None else sys.argv[1:]) or BENCHMARKS
    for name in names:
        importlib.import_module("tests.benchmarks.%s" % name).main()
    return 0


if __name__ == "__main__":
    sys.exit(main())
