"""`cutover promote SLICE`: PROMOTE or HOLD a slice of the cutover plan from the newest complete
run(s) on the environment the slice names, with a decision record beside the evidence."""
