from compact_analysis.cli import main

main()
