"""The store's threshold refitted from its labels: lowered only over a band its labels show is right."""

from assistant.decide.refit import BAND_WRONG, MIN_BAND, Label, refit_threshold, wilson_upper


def labels(*pairs: tuple[float, bool]) -> list[Label]:
    return [Label(c, r) for c, r in pairs]


def test_a_band_answered_right_lowers_the_threshold_to_its_lowest_label():
    band = labels(*[(0.79 - i * 0.01, True) for i in range(MIN_BAND + 5)])
    refit = refit_threshold(band, current=0.80)
    assert refit is not None and refit.threshold == round(0.79 - (MIN_BAND + 4) * 0.01, 4)
    assert refit.band == MIN_BAND + 5 and refit.band_wrong == 0


def test_too_few_labels_leave_the_kbs_threshold():
    assert refit_threshold(labels(*[(0.7, True)] * (MIN_BAND - 1)), current=0.8) is None


def test_wrong_answers_below_stop_the_band_where_they_begin():
    right = [(0.79 - i * 0.005, True) for i in range(20)]  # 0.79 .. 0.695, all right
    wrong = [(0.69 - i * 0.005, i % 2 == 0) for i in range(20)]  # below: half wrong
    refit = refit_threshold(labels(*right, *wrong), current=0.80)
    assert refit is not None
    assert refit.threshold <= 0.695  # the clean band is taken whole
    assert refit.threshold > 0.65  # ... and the half-wrong region below barely entered
    assert wilson_upper(refit.band_wrong, refit.band) <= BAND_WRONG


def test_labels_above_the_threshold_do_not_lower_it():
    assert refit_threshold(labels(*[(0.9, True)] * 50), current=0.8) is None


def test_a_band_mostly_wrong_never_lowers_it():
    assert refit_threshold(labels(*[(0.75, i % 3 == 0) for i in range(60)]), current=0.8) is None
