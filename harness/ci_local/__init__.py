"""`cutover ci-local` (`make ci-local`): the shipped CI job, executed here. It reads the
workflow file itself and runs its steps in order, as written; only what needs a cluster or an
image (the kind cluster, `docker build`, `kind load`, `kubectl`) is a loopback stand-in."""
