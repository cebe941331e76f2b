"""Staff pages of arbitration (placeholder while the pages are built)."""

from django.http import Http404


def _todo(request, *args, **kwargs):
    raise Http404


apply = my_cases = my_case = my_withdraw = my_document = published_list = published_detail = _todo
queue = window_apply = case_detail = case_act = form_tribunal = request_recusal = decide_recusal = _todo
schedule_hearing = award = document = hearing_calendar = _todo
