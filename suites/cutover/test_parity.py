"""Opt-in executable V1<->V3 parity (`pytest -m v1compat`): for every parity row that declares
facts, the V1 page of its resource (in V1 mode) and the V3 page are read and compared. The
comparison travels in the results (the check's evidence) so readiness judges the parity gate on
it."""

from __future__ import annotations

import pytest

from harness.capture.id_resolver import DiscoveryError
from harness.flows.parity_pages import read_parity

pytestmark = [pytest.mark.v1compat, pytest.mark.cutover]


@pytest.mark.check("v1-parity")
def test_v1_v3_parity(parity_row, snapshots, contract, run_role, judge):
    if contract.v3_flag is None:
        pytest.skip(f"the contract ({contract.directory}) declares no v3_flag: the product has "
                    "no V1 mode to read the V1 page in")
    try:
        view = read_parity(parity_row, snapshots, run_role.id)
    except DiscoveryError as exc:
        pytest.skip(str(exc))
    judge(parity_row, view)
