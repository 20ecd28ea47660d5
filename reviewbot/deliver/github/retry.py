"""Calling GitHub robustly: retries for 5xx and rate limits, paced writes, look-before-write.

PyGithub's own retrying is switched off (``retry=None``) so these rules alone decide:

- 5xx, a dropped connection or a timeout: retry after ``backoff`` seconds, doubling each time.
- Primary rate limit (403/429 with ``x-ratelimit-remaining: 0``): wait until
  ``x-ratelimit-reset``. Secondary rate limit (403/429 with ``Retry-After``): wait that long;
  without the header, GitHub asks for at least a minute. A wait longer than ``max_wait`` is
  not made: the error goes to the caller, which falls back to annotations.
- Any other 4xx (a 403 that is not a rate limit is a read-only token) is not retried.

A write whose first attempt may have landed (a 502 after GitHub created the review) is never
simply repeated: before each retry ``look`` searches for what the write would have made (by its
hidden marker) and returns it if it is there. Writes are spaced ``write_pause`` apart, as
GitHub's guidance for avoiding secondary rate limits asks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from http import HTTPStatus
from typing import TypeVar

import requests
from github.GithubException import GithubException, RateLimitExceededException

T = TypeVar("T")
Log = Callable[[str], None]
SECONDARY_LIMIT_DEFAULT_WAIT = 60.0
_RATE_LIMIT_STATUSES = (HTTPStatus.FORBIDDEN, HTTPStatus.TOO_MANY_REQUESTS)


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: attempts per call, waits in seconds, and the pause between writes."""

    attempts: int = 4
    backoff: float = 2.0
    max_wait: float = 90.0
    write_pause: float = 1.0


def retry_wait(error: Exception, attempt: int, policy: RetryPolicy, now: float) -> float | None:
    """Seconds to wait before trying again after ``error``, or None when it is not retryable."""
    if isinstance(error, (requests.ConnectionError, requests.Timeout)):
        return policy.backoff * 2.0**attempt
    if not isinstance(error, GithubException):
        return None
    if error.status in _RATE_LIMIT_STATUSES:
        return _rate_limit_wait(error, _lower(error.headers or {}), now)
    if error.status >= HTTPStatus.INTERNAL_SERVER_ERROR:
        return policy.backoff * 2.0**attempt
    return None


def _rate_limit_wait(error: GithubException, headers: Mapping[str, str], now: float) -> float | None:
    if "retry-after" in headers:
        return _seconds(headers["retry-after"])
    if headers.get("x-ratelimit-remaining") == "0" and "x-ratelimit-reset" in headers:
        return max(0.0, _seconds(headers["x-ratelimit-reset"]) - now) + 1.0
    if isinstance(error, RateLimitExceededException) or error.status == HTTPStatus.TOO_MANY_REQUESTS:
        return SECONDARY_LIMIT_DEFAULT_WAIT
    return None  # a plain 403: the token may not do this


def describe(error: Exception) -> str:
    """One line about a failed call; never includes request headers (they carry the token)."""
    if isinstance(error, GithubException):
        message = error.data.get("message") if isinstance(error.data, dict) else None
        return f"HTTP {error.status}" + (f" ({message})" if message else "")
    return type(error).__name__


class Retrier:
    """Runs reads and writes against GitHub under a RetryPolicy."""

    def __init__(
        self,
        policy: RetryPolicy,
        *,
        log: Log,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._policy = policy
        self._log = log
        self._sleep = sleep
        self._clock = clock
        self._last_write: float | None = None

    def read(self, call: Callable[[], T]) -> T:
        """``call()``, retried while GitHub's answer says trying again can succeed."""
        return self._attempt(call, look=None)

    def write(self, call: Callable[[], T], look: Callable[[], T | None] | None = None) -> T:
        """A paced ``call()``; before any retry, ``look()`` finds a first attempt that landed."""
        self._pace()
        try:
            return self._attempt(call, look)
        finally:
            self._last_write = self._clock()

    def _attempt(self, call: Callable[[], T], look: Callable[[], T | None] | None) -> T:
        attempt = 0
        while True:
            try:
                return call()
            except (GithubException, requests.RequestException) as error:
                self._wait_or_raise(error, attempt)
            attempt += 1
            landed = self.read(look) if look is not None else None
            if landed is not None:
                self._log("the earlier attempt had reached GitHub; not writing it again")
                return landed

    def _wait_or_raise(self, error: GithubException | requests.RequestException, attempt: int) -> None:
        """Sleep before the next attempt, or re-raise ``error`` when there is none to make."""
        wait = retry_wait(error, attempt, self._policy, self._clock())
        if wait is None or wait > self._policy.max_wait or attempt + 1 >= self._policy.attempts:
            raise error
        self._log(f"GitHub answered {describe(error)}; trying again in {wait:.1f}s")
        self._sleep(wait)

    def _pace(self) -> None:
        if self._last_write is None:
            return
        remaining = self._policy.write_pause - (self._clock() - self._last_write)
        if remaining > 0:
            self._sleep(remaining)


def _lower(headers: Mapping[str, str]) -> dict[str, str]:
    return {str(name).lower(): str(value) for name, value in headers.items()}


def _seconds(value: str) -> float:
    try:
        return float(value)
    except ValueError:
        return SECONDARY_LIMIT_DEFAULT_WAIT
