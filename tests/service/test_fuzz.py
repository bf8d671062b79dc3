"""The API fuzzed from its own OpenAPI spec (schemathesis): no request makes it answer 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from consilience.service.app import create_app
from consilience.service.settings import Limits, Settings
from consilience.store import repository as repo

pytestmark = pytest.mark.xdist_group("fuzz")

EXAMPLES = 12  # per operation and generation mode: bounded, so the whole fuzz takes seconds


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_no_request_makes_the_api_fail(db_url: str, mode: GenerationMode) -> None:
    app = create_app(Settings(db_url=db_url, limits=Limits(rate_burst=100_000), worker=False))
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    with app.state.engine.begin() as conn:
        key = repo.create_api_key(conn, "fuzz")
        tenant = repo.tenant_for_key(conn, key)
    assert tenant is not None
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 9  # every route is in the spec

    for operation in operations:

        @settings(
            max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        @given(case=operation.as_strategy(generation_mode=mode), aim=st.booleans())
        def fuzz(case: schemathesis.Case, aim: bool) -> None:
            # Half of the cases aim at a story that exists, so the handlers behind the 404 are fuzzed too.
            if aim and case.path_parameters and "story_id" in case.path_parameters:
                with app.state.engine.begin() as conn:
                    story = repo.create_story(conn, tenant.id, "fuzzed")
                    repo.add_documents(
                        conn, tenant.id, story.id, [repo.NewDocument("a", "Some text.")], max_documents=9
                    )
                case.path_parameters["story_id"] = story.id
            response = case.call(headers={"Authorization": f"Bearer {key}"})
            case.validate_response(response, checks=[not_a_server_error, status_code_conformance])

        try:
            fuzz()
        except Unsatisfiable:
            # An operation without parameters or body has no invalid form to send.
            assert mode is GenerationMode.NEGATIVE, operation.label
