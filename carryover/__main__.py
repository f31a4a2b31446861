import sys

from carryover.cli import main

sys.exit(main())
