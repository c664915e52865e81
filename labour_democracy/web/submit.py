"""The form round trip every page shares: read the form, parse it, call the use case, answer.

    return await submit(
        request,
        NoticeForm,
        lambda form: services.create_notice(context, form),
        form=lambda values, errors: _form(request, context, values, errors),
        done=lambda notice_id: redirect(request, f".../notices/{notice_id}"),  # or an address
        success=_("The notice was issued."),
    )

A refusal (`Invalid`, from `parse` or from the use case) answers 422 with the form drawn again
by `form(values, errors)`: `values` is what the person typed, `errors` names each field with its
reason (the key "" holds a reason about the whole form, shown in the summary). htmx swaps 422
answers (the `htmx-config` meta tag in base.html), so a page and an HTMX fragment get the same
answer. A `Conflict` (the record's state forbids the step) is flashed and the page reloaded when
`conflict` gives its address; otherwise it reaches the error handler (409).
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Mapping
from typing import Any, TypeVar

import msgspec
from litestar import Request, Response

from labour_democracy.core.errors import Conflict, Invalid
from labour_democracy.web.forms import form_values, parse, read_form
from labour_democracy.web.responses import flash, redirect

S = TypeVar("S", bound=msgspec.Struct)
T = TypeVar("T")

# What a refused form is drawn with: the typed values and the errors by field name.
FormPage = Callable[[dict[str, Any], dict[str, str]], Awaitable[Response] | Response]


async def _answer(value: Awaitable[Response] | Response) -> Response:
    return await value if inspect.isawaitable(value) else value


async def refused_form(form: FormPage, data: Mapping[str, Any], error: Invalid) -> Response:
    """The form again with its errors and the person's input, as a 422."""
    response = await _answer(form(form_values(data), dict(error.errors)))
    response.status_code = 422
    return response


async def submit(
    request: Request,
    schema: type[S] | None,
    action: Callable[[Any], Awaitable[T]],
    *,
    form: FormPage,
    done: str | Callable[[T], Awaitable[Response] | Response],
    success: str | None = None,
    conflict: str | None = None,
    data: Mapping[str, Any] | None = None,
) -> Response:
    """Parse the submitted form into `schema` (or pass the raw dict when it is None), run
    `action` with it, and answer `done(result)` (or a redirect to `done` when it is an address)
    with the `success` message flashed."""
    if data is None:
        data = await read_form(request)
    try:
        result = await action(parse(schema, data) if schema is not None else data)
    except Invalid as error:
        return await refused_form(form, data, error)
    except Conflict as error:
        if conflict is None:
            raise
        flash(request, str(error), "error")
        return redirect(request, conflict)
    if success:
        flash(request, success)
    if isinstance(done, str):
        return redirect(request, done)
    return await _answer(done(result))
