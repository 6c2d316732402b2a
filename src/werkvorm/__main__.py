from werkvorm.cli import main

main()
