from django.shortcuts import get_object_or_404, render

from decisions.models import Decision


def home(request):
    decisions = Decision.objects.with_related()
    return render(
        request,
        "decisions/home.html",
        {
            "latest": decisions[:20],
            "total": decisions.count(),
            "fictional_total": decisions.filter(is_fictional=True).count(),
        },
    )


def decision_detail(request, slug):
    decision = get_object_or_404(Decision.objects.with_related(), slug=slug)
    return render(request, "decisions/detail.html", {"decision": decision})
