"""`make bench`: a synthetic product of N routes (a contract and a target that never reads it),
measured with a bare Playwright loop and with the suite's static gates, back to back."""
