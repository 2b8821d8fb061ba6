"""Site-wide response handling: the Content-Security-Policy header (Django 5.2 has none of
its own), and a clear page when the database cannot do what a request needs."""

import logging

from django.conf import settings
from django.template.response import TemplateResponse

from decisions.api import is_api, json_error
from decisions.database_errors import database_problem

logger = logging.getLogger(__name__)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/" + settings.ADMIN_PATH

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith(self.admin_prefix)
        policy = (
            settings.CONTENT_SECURITY_POLICY_ADMIN if admin else settings.CONTENT_SECURITY_POLICY
        )
        response.headers.setdefault("Content-Security-Policy", policy)
        return response


class DatabaseUnavailableMiddleware:
    """A database that cannot be written (read-only, or its disk full) or reached gives a page
        saying so, with 503 Service Unavailable, instead of a bare server error (in JSON under
    /api/)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        reason = database_problem(exception)
        if reason is None:
            return None
        logger.exception("database unavailable for %s", request.path)
        if is_api(request):
            return json_error(503, reason)
        return TemplateResponse(request, "503.html", {"reason": reason}, status=503).render()
