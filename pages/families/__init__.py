"""One page object per V3 family; each adds only what its family has that others do not."""
