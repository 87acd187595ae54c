class AdminPreviewFrameMiddleware:
    """Let the Wagtail admin frame its own page previews; every other response keeps DENY.

    It sits inside Django's XFrameOptionsMiddleware, which leaves a header that is already set.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/") and "X-Frame-Options" not in response:
            response["X-Frame-Options"] = "SAMEORIGIN"
        return response
