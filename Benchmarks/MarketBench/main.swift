print("MarketBench: benchmarks arrive with scripts/bench")
