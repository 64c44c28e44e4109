"""Sample sizes: n =, counts of people, roles, breakdowns, planned targets, counts in words.

The sentences are written for these tests; the counts are real trial figures (the seed
trial, RECOVERY, CRASH-2, ISIS-2, 4S, SPRINT, HPS, COVID STEROID 2).
"""

from __future__ import annotations

import pytest

from catalog.checks import check
from catalog.extract import extract


def samples(text: str) -> list[tuple]:
    """(text, n, role, planned, written)."""
    return [(r.text, r.n, r.role, r.planned, r.written)
            for r in extract(text) if r.kind == "sample_size"]


CASES = [
    # controls are a group of a comparison, never its whole
    pytest.param("Imaging was compared with 26 healthy controls.",
                 [("26 healthy controls", 26, "arm", None, False)], id="controls-are-an-arm"),
    pytest.param("We enrolled 26 controls.", [("26 controls", 26, "enrolled", None, False)],
                 id="controls-with-a-verb-keep-its-role"),
    # n =
    pytest.param("the board stopped the trial (n=222 out of planned 300).",
                 [("n=222 out of planned 300", 222, "total", 300, False)],
                 id="seed-planned-target"),
    pytest.param("halted with n=222 of the planned 300 randomised.",
                 [("n=222 of the planned 300 randomised", 222, "randomised", 300, False)],
                 id="planned-then-randomised"),
    pytest.param("Data were complete for N=151.", [("N=151", 151, "total", None, False)],
                 id="capital-n"),
    pytest.param("usual care (n = 6425 in this comparison)",
                 [("n = 6425", 6425, "total", None, False)], id="n-with-words-after"),
    pytest.param("Of n = 8014 patients, most were men.",
                 [("n = 8014 patients", 8014, "total", None, False)], id="n-with-people"),
    pytest.param("assigned to dexamethasone (n=2104) or usual care (n=4321)",
                 [("n=2104", 2104, "arm", None, False), ("n=4321", 4321, "arm", None, False)],
                 id="arms-after-assigned"),
    pytest.param("Insulin 12 units (n = 503) or 6 units (n = 497) daily.",
                 [("n = 503", 503, "arm", None, False), ("n = 497", 497, "arm", None, False)],
                 id="two-bare-n-are-arms"),
    pytest.param("Patients on the intensive arm (n = 150) needed more insulin.",
                 [("n = 150", 150, "arm", None, False)], id="arm-word"),
    pytest.param("Adults with sepsis (n=300) were screened.",
                 [("n=300", 300, "total", None, False)], id="bare-n-alone-is-total"),
    pytest.param("listeners rated chord sequences (N = 300) for surprise",
                 [], id="bare-n-of-things-is-no-sample"),
    pytest.param("We drew 300 images (n = 300) from the archive.", [],
                 id="bare-n-after-images-is-no-sample"),
    pytest.param("We screened n = 386 public forecasting models.", [],
                 id="n-of-models-is-no-sample"),
    pytest.param("Cohort data for ages 5 (N = 2026) and 7 (N = 1819) were analysed.",
                 [("N = 2026", 2026, "total", None, False), ("N = 1819", 1819, "total", None,
                                                              False)],
                 id="cohort-waves-by-age-are-not-arms"),
    pytest.param("a national survey in 1997 (n = 14,500) and 2009 (n = 12,000)",
                 [("n = 14,500", 14500, "total", None, False),
                  ("n = 12,000", 12000, "total", None, False)],
                 id="survey-waves-by-year-are-not-arms"),
    pytest.param("Dose 12 (n = 503) or dose 6 (n = 497) was given.",
                 [("n = 503", 503, "arm", None, False), ("n = 497", 497, "arm", None, False)],
                 id="numbered-doses-stay-arms"),
    pytest.param("We had 42 patients in the treatment group and 40 in the control group.",
                 [("42 patients in the treatment group", 42, "arm", None, False),
                  ("40 in the control group", 40, "arm", None, False)],
                 id="arm-counts-named-by-their-group"),
    pytest.param("Of these, 152 were randomly assigned to the surgery arm.",
                 [("152 were randomly assigned to the surgery arm", 152, "arm", None, False)],
                 id="arm-count-assigned-to-an-arm"),
    pytest.param("Of these, 374 were assigned to early walking and 376 to usual care.",
                 [("374 were assigned to", 374, "arm", None, False),
                  ("376 to", 376, "arm", None, False)], id="arms-listed-by-assignment"),
    pytest.param("We had 120 patients randomised to aspirin, 118 to placebo and 119 to heparin.",
                 [("120 patients randomised to", 120, "arm", None, False),
                  ("118 to", 118, "arm", None, False), ("119 to", 119, "arm", None, False)],
                 id="three-arms-listed-by-assignment"),
    pytest.param("In all, 750 patients were randomly assigned to the drug or placebo.",
                 [("750 patients were randomly assigned", 750, "randomised", None, False)],
                 id="one-count-assigned-to-two-treatments-is-the-total"),
    pytest.param("Then 12 in the control group died.", [], id="deaths-in-a-group-are-events"),
    pytest.param("Delirium occurred in 68 (18.2%) of 374 patients in the intervention group.",
                 [], id="the-group-of-a-proportion-is-no-arm-count"),
    pytest.param("rated by a sample group of undergraduates (N = 50).",
                 [("N = 50", 50, "total", None, False)], id="a-sample-group-is-the-sample"),
    pytest.param("Data on 10,000 children in the age group 6-59 months",
                 [("10,000 children", 10000, "total", None, False)], id="age-group-is-no-arm"),
    pytest.param("Scores fell by 30% in the control group.", [], id="a-percent-in-a-group"),
    pytest.param("Scores fell by 3.5 in the control group.", [], id="a-decimal-in-a-group"),
    # counts of people, and their role
    pytest.param("We stopped after 812 of a planned 1,000 women.",
                 [("812 of a planned 1,000 women", 812, "total", 1000, False)],
                 id="count-of-a-planned-target"),
    pytest.param("We stopped at 300 out of the target 450 participants.",
                 [("300 out of the target 450 participants", 300, "total", 450, False)],
                 id="count-out-of-the-target"),
    pytest.param("It was 12 of the expected 20 visits.", [], id="a-target-of-things-is-no-sample"),
    pytest.param("We aim to collect data from 1500 participants across 50 sites.", [],
                 id="an-aim-is-no-sample"),
    pytest.param("A total of 4,804 patients underwent randomization.",
                 [("4,804 patients underwent randomization", 4804, "randomised", None, False)],
                 id="underwent-randomization"),
    pytest.param("Of 1,517 randomized participants, most were men.",
                 [("1,517 randomized participants", 1517, "randomised", None, False)],
                 id="randomized-as-an-adjective"),
    pytest.param("Data of 980 evaluable patients were kept.",
                 [("980 evaluable patients", 980, "analysed", None, False)],
                 id="evaluable-as-an-adjective"),
    pytest.param("In total, 86 child-parent triads were recruited and randomly assigned.",
                 [("86 child-parent triads were recruited", 86, "enrolled", None, False)],
                 id="triads-are-a-sample"),
    pytest.param("among 2946 first-time blood donors at one hospital",
                 [("2946 first-time blood donors", 2946, "total", None, False)],
                 id="donors-are-people"),
    pytest.param("in 30 patients and 28 healthy controls",
                 [("30 patients", 30, "arm", None, False),
                  ("28 healthy controls", 28, "arm", None, False)],
                 id="patients-and-controls-are-arms"),
    pytest.param("Overall, 222 patients were randomised and 218 analysed.",
                 [("222 patients were randomised", 222, "randomised", None, False)],
                 id="were-randomised"),
    pytest.param("Of 1062 patients randomized, 541 got the drug.",
                 [("1062 patients randomized", 1062, "randomised", None, False)],
                 id="randomized-us-spelling"),
    pytest.param("We recruited 6425 participants in two years.",
                 [("6425 participants", 6425, "enrolled", None, False)],
                 id="verb-before"),
    pytest.param("The trial enrolled 4444 men and women aged 35-70 years.",
                 [("4444 men and women", 4444, "enrolled", None, False)],
                 id="men-and-women-with-age-range"),
    pytest.param("It enrolled 9361 non-diabetic participants at high risk.",
                 [("9361 non-diabetic participants", 9361, "enrolled", None, False)],
                 id="adjective-between"),
    pytest.param("A total of 3234 adults took metformin or placebo.",
                 [("3234 adults", 3234, "total", None, False)], id="a-total-of"),
    pytest.param("The study randomised 20\u00a0536 people in the UK.",
                 [("20\u00a0536 people", 20536, "randomised", None, False)],
                 id="no-break-space-thousands"),
    pytest.param("Across 417 hospitals, 17\u2009187 people took part.",
                 [("17\u2009187 people took part", 17187, "total", None, False)],
                 id="thin-space-thousands-hospitals-ignored"),
    pytest.param("They were enrolled in 274 hospitals (20 211 in total).",
                 [("20 211 in total", 20211, "total", None, False)], id="in-total"),
    pytest.param("Outcomes were analysed for 10 060 and 10 067 patients.",
                 [("10 060", 10060, "analysed", None, False),
                  ("10 067 patients", 10067, "analysed", None, False)], id="pair-analysed"),
    pytest.param("Then 17 187 people with chest pain were enrolled within a day.",
                 [("17 187 people", 17187, "enrolled", None, False)], id="verb-later-in-clause"),
    pytest.param("1,240 patients were included in the analysis.",
                 [("1,240 patients were included", 1240, "analysed", None, False)],
                 id="comma-thousands-included"),
    # counts in words
    pytest.param("Two thousand one hundred and four patients were allocated dexamethasone.",
                 [("Two thousand one hundred and four patients were allocated", 2104, "arm",
                   None, True)], id="written-arm"),
    pytest.param("Two hundred twenty-two adults were randomly assigned to one of two groups.",
                 [("Two hundred twenty-two adults were randomly assigned", 222, "randomised",
                   None, True)], id="written-randomised"),
    pytest.param("Sixty participants took part.",
                 [("Sixty participants took part", 60, "total", None, True)],
                 id="written-took-part"),
    # not sample sizes
    pytest.param("the expected reduction from 40% to 23% was unlikely", [],
                 id="design-assumptions"),
    pytest.param("The planned 350 patients were never reached.", [], id="planned-target"),
    pytest.param("the target rose from 15 000 to 20 000 women", [], id="raised-target"),
    pytest.param("rates per 1000 patients were low", [], id="rate-denominator"),
    pytest.param("Of these, 42 of 112 patients died.", [], id="group-of-a-proportion"),
    pytest.param("Participants aged 35-70 years were eligible.", [], id="age-range"),
    pytest.param("patients aged over 65 years were included", [], id="age-over"),
    pytest.param("in 417 hospitals across 40 countries", [], id="hospitals"),
    pytest.param("About 6.9 people would need treatment.", [], id="decimal-nnt"),
    pytest.param("Covid-19 patients were eligible.", [], id="name-with-number"),
    pytest.param("dexamethasone 6 mg once daily in adults", [], id="dose"),
    pytest.param("a country of over 238 million people", [], id="population-millions"),
    pytest.param("Three patients died of sepsis.", [], id="written-event-count"),
    pytest.param("Sepsis was found in 78 patients (15.3%).", [], id="count-with-share"),
    pytest.param("42 patients died within a week.", [], id="event-count"),
    pytest.param("a weighted n = 22.5 per cluster", [], id="decimal-n"),
    pytest.param("twelve patients were enrolled", [], id="lower-case-words-mid-sentence"),
    pytest.param("about 9 100 more infants could have been saved each year", [],
                 id="modelled-lives-saved"),
    pytest.param("We followed 124 players in total.",
                 [("124 players in total", 124, "total", None, False)], id="players"),
    # breakdowns: the parts of a count are arms, the whole keeps its role
    pytest.param("The task was done by 140 volunteers (72 men, 68 women) with normal vision.",
                 [("140 volunteers", 140, "total", None, False),
                  ("72 men", 72, "arm", None, False), ("68 women", 68, "arm", None, False)],
                 id="parts-in-brackets"),
    pytest.param("Ninety-one students (40 men and 51 women; aged 18-25) sat the test.",
                 [("Ninety-one students", 91, "total", None, True),
                  ("40 men", 40, "arm", None, False), ("51 women", 51, "arm", None, False)],
                 id="written-whole-parts-joined-by-and"),
    pytest.param("A total of 222 patients were randomised (112 men and 110 women).",
                 [("222 patients were randomised", 222, "randomised", None, False),
                  ("112 men", 112, "arm", None, False), ("110 women", 110, "arm", None, False)],
                 id="randomised-whole-keeps-its-role"),
    pytest.param("In all, 222 patients (n = 112 and n = 110) took part.",
                 [("222 patients", 222, "total", None, False),
                  ("n = 112", 112, "arm", None, False), ("n = 110", 110, "arm", None, False)],
                 id="n-equals-parts-in-brackets"),
    pytest.param("Faces were rated by one panel (N=240, 131 women, mean age 22).",
                 [("N=240", 240, "total", None, False), ("131 women", 131, "arm", None, False)],
                 id="n-equals-then-a-part"),
    pytest.param("We weighed 310 infants, 120 preterm neonates, 101 term neonates and 89 older "
                 "infants on the ward.",
                 [("310 infants", 310, "total", None, False),
                  ("120 preterm neonates", 120, "arm", None, False),
                  ("101 term neonates", 101, "arm", None, False),
                  ("89 older infants", 89, "arm", None, False)], id="list-after-its-sum"),
    pytest.param("We saw 200 children, 90 infants and 80 adolescents.",
                 [("200 children", 200, "arm", None, False), ("90 infants", 90, "arm", None, False),
                  ("80 adolescents", 80, "arm", None, False)], id="list-not-adding-up-is-parts"),
    pytest.param("We studied the growth of 5120 boys and 4873 girls in schools.",
                 [("5120 boys", 5120, "arm", None, False),
                  ("4873 girls", 4873, "arm", None, False)],
                 id="two-parts-no-whole"),
    pytest.param("Doses were titrated in 497 and 485 patients.",
                 [("497", 497, "arm", None, False), ("485 patients", 485, "arm", None, False)],
                 id="pair-without-verb-are-arms"),
    pytest.param("Of 300 patients, 150 women were randomised.",
                 [("300 patients", 300, "randomised", None, False),
                  ("150 women were randomised", 150, "randomised", None, False)],
                 id="comma-alone-is-not-a-list"),
    pytest.param("Study A had 120 adults (60 men, 60 women) and study B had 90 adults "
                 "(45 men, 45 women).",
                 [("120 adults", 120, "arm", None, False), ("60 men", 60, "arm", None, False),
                  ("60 women", 60, "arm", None, False), ("90 adults", 90, "arm", None, False),
                  ("45 men", 45, "arm", None, False), ("45 women", 45, "arm", None, False)],
                 id="two-breakdowns-in-a-sentence-are-all-arms"),
    pytest.param("Across sites (Lima: N = 240, 120 nurses; Quito: N = 198, 97 nurses), "
                 "results agreed.",
                 [("N = 240", 240, "arm", None, False), ("N = 198", 198, "arm", None, False)],
                 id="n-equals-per-site-are-arms"),
    pytest.param("We screened n = 412 registries, identifying n = 9 that were complete.",
                 [("n = 412", 412, "total", None, False), ("n = 9", 9, "analysed", None, False)],
                 id="identifying-is-analysed"),
    pytest.param("Only the selected n = 80 were interviewed.",
                 [("n = 80", 80, "analysed", None, False)], id="selected-is-analysed"),
    pytest.param("Men were compared in three groups (N = 105).",
                 [("N = 105", 105, "total", None, False)], id="n-after-plural-groups-is-total"),
    pytest.param("Men were compared in three groups (N = 105): A (n = 35), B (n = 36) and "
                 "C (n = 34).",
                 [("N = 105", 105, "total", None, False), ("n = 35", 35, "arm", None, False),
                  ("n = 36", 36, "arm", None, False), ("n = 34", 34, "arm", None, False)],
                 id="groups-sum-then-arms"),
    # capitalised words between the count and its people
    pytest.param("We followed 48 TS girls for five years.",
                 [("48 TS girls", 48, "total", None, False)], id="acronym-between"),
    pytest.param("Data came from 815 young Caucasian adults in the cohort.",
                 [("815 young Caucasian adults", 815, "total", None, False)],
                 id="capitalised-word-between"),
    pytest.param("Scans of 1,380 Danish children were analysed.",
                 [("1,380 Danish children were analysed", 1380, "analysed", None, False)],
                 id="capitalised-word-then-verb"),
    # sample units other than people (issue 14)
    pytest.param("We reviewed 1,120 cases treated at two centres.",
                 [("1,120 cases treated", 1120, "total", None, False)], id="cases"),
    pytest.param("A total of 640 dairy cows were enrolled.",
                 [("640 dairy cows were enrolled", 640, "enrolled", None, False)],
                 id="cows-were-enrolled"),
    pytest.param("We tested 2,310 stool samples.", [("2,310 stool samples", 2310, "total",
                                                     None, False)], id="samples"),
    pytest.param("Adherence was analysed in 12 450 betegnél.",
                 [("12 450 betegnél", 12450, "analysed", None, False)], id="hungarian-patients"),
    pytest.param("We identified 9,240 patients (48.5% female) with heart failure.",
                 [("9,240 patients", 9240, "analysed", None, False)],
                 id="a-share-of-its-subgroup-is-no-event"),
    # any plural noun the sentence says the study took in
    pytest.param("We enrolled a total of 577 Holstein cows from 88 farms.",
                 [("577 Holstein cows", 577, "enrolled", None, False)], id="a-total-of-cows"),
    pytest.param("Of these, 132 HIV-exposed infants were identified at birth.",
                 [("132 HIV-exposed infants were identified", 132, "total", None, False)],
                 id="infants-were-identified"),
    pytest.param("The survey was completed by 1500 Canadians in May.",
                 [("1500 Canadians", 1500, "total", None, False)], id="completed-by"),
    pytest.param("We included 16 studies with 6423 participants.",
                 [("16 studies", 16, "studies", None, False),
                  ("6423 participants", 6423, "total", None, False)],
                 id="a-review's-studies-and-their-people"),
    pytest.param("In total, 17 eligible studies were identified.",
                 [("17 eligible studies were identified", 17, "studies", None, False)],
                 id="studies-were-identified"),
    pytest.param("Risk was higher with less education (n = 2 studies, OR 1.60).",
                 [("n = 2 studies", 2, "studies", None, False)], id="n-equals-studies"),
    pytest.param("We ran in-person surveys (N = 863) at baseline.",
                 [("N = 863", 863, "total", None, False)], id="n-after-surveys-is-people"),
    pytest.param("The model was tested on a dataset of 1,894 COVID-19 patients.",
                 [("1,894 COVID-19 patients", 1894, "total", None, False)], id="dataset-of"),
    pytest.param("Blood was taken from 30 micrograms of tissue.", [], id="units-are-no-sample"),
    pytest.param("We included 4 previous reports and 12 years of data.", [],
                 id="an-adjective-is-no-noun"),
    pytest.param("We identified 8 326 manuscripts and 26 cytokines were examined.", [],
                 id="search-results-and-molecules-are-no-sample"),
    pytest.param("Data from 643 499 person-years were included.", [], id="person-years"),
    pytest.param("We analysed data from 1,180 songs.", [], id="things-are-no-sample"),
    # adjectives with a digit or a hyphenated capital; groups of one noun; arms listed
    # after their verb; a count alone with its verb; the participants were ...
    pytest.param("In all, 1305 HSV-2 seropositive women were interviewed.",
                 [("1305 HSV-2 seropositive women", 1305, "total", None, False)],
                 id="an-acronym-with-its-digit"),
    pytest.param("We compared 81 healthy Afro-Caribbean people with 101 others.",
                 [("81 healthy Afro-Caribbean people", 81, "total", None, False)],
                 id="a-hyphenated-capitalised-adjective"),
    pytest.param("We studied 57 CD and 55 UC patients.",
                 [("57", 57, "arm", None, False), ("55 UC patients", 55, "arm", None, False)],
                 id="two-groups-of-one-noun"),
    pytest.param("In total, 1,203 patients were randomly assigned: 601 to dapagliflozin and "
                 "602 to placebo.",
                 [("1,203 patients were randomly assigned", 1203, "randomised", None, False),
                  ("601 to", 601, "arm", None, False), ("602 to", 602, "arm", None, False)],
                 id="arms-listed-after-their-verb"),
    pytest.param("Of the 328 women enrolled, 312 were included in the analysis.",
                 [("328 women enrolled", 328, "enrolled", None, False),
                  ("312 were included", 312, "analysed", None, False)],
                 id="a-count-alone-with-its-verb"),
    pytest.param("Participants were 120 undergraduates (mean age 20.1 years).",
                 [("120 undergraduates", 120, "total", None, False)],
                 id="the-participants-were"),
    pytest.param("In the present study, 137 EBF infants and 358 non-EBF infants were seen.",
                 [("137 EBF infants", 137, "arm", None, False),
                  ("358 non-EBF infants", 358, "arm", None, False)],
                 id="a-prefix-before-an-acronym"),
    pytest.param("A total of 2486 were re-examined 11 years later.",
                 [("2486 were re-examined", 2486, "analysed", None, False)],
                 id="a-total-of-a-count-alone"),
    pytest.param("It was done in 50 healthy male and female volunteers.",
                 [("50 healthy male and female volunteers", 50, "total", None, False)],
                 id="male-and-female"),
    pytest.param("Of the infants prospectively enrolled (78), 97% were treated.",
                 [("78", 78, "enrolled", None, False)], id="a-count-bracketed-after-its-verb"),
    pytest.param("Of these, 12 were excluded.", [], id="excluded-is-no-sample"),
    pytest.param("Enrolment was 10.1% among 1974 births and 35.7% among 1999 births.", [],
                 id="a-birth-year-is-no-count"),
    pytest.param("It was first seen in 2019 HIV-1 infected women.", [],
                 id="a-year-before-its-adjectives"),
    pytest.param("The course consisted of 4 phases.", [], id="phases-are-no-sample"),
    # not sample sizes
    pytest.param("Trials with > 100 participants were eligible.", [], id="threshold-above"),
    pytest.param("samples of at least 30 adults per site", [], id="at-least"),
    pytest.param("an estimated 48 000 children were infected", [], id="estimated"),
    pytest.param("There were 214 new cases in ten years.", [], id="new-cases-are-events"),
    pytest.param("An ulcer developed in 17 patients.", [], id="developed-in-is-an-event"),
    pytest.param("We followed type 2 diabetes patients.", [], id="a-type-is-no-count"),
    pytest.param("in 29 countries for women", [], id="for-is-no-adjective"),
    pytest.param("The survey closed in 2019 Our participants were paid.", [],
                 id="sentence-opening-word-is-no-adjective"),
    pytest.param("Visits ended at week 12 The patients then left.", [],
                 id="article-after-a-count-is-no-adjective"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_sample_sizes(text, expected):
    assert samples(text) == expected


def test_time_windows_are_not_counts():
    text = ("Thirty-day mortality was 37.5% (42/112) in cell recipients. "
            "Ventilator-free survival within 60 days was similar.")
    kinds = [(r.kind, r.text) for r in extract(text)]
    assert ("time_window", "Thirty-day") in kinds
    assert ("time_window", "within 60 days") in kinds
    assert not [k for k, _ in kinds if k == "sample_size"]


ALLOCATED = [
    pytest.param("Of 230 patients, 112 were assigned to surgery and 118 to stenting.",
                 [True, True], id="assigned"),
    pytest.param("The trial randomised patients to drug (n = 112) or placebo (n = 110).",
                 [True, True], id="randomised-to-bare-n"),
    pytest.param("Veins were studied in 15 patients with ulcers, and in 15 patients and 15 "
                 "controls without.", [False, False], id="groups-of-a-study"),
    pytest.param("We randomised 300 women. Of these, 150 were assigned to A and 150 to B.",
                 [True, True], id="assigned-in-the-next-sentence"),
    pytest.param("We randomised 300 women. The sample had 150 women and 150 men.",
                 [False, False], id="allocation-in-another-sentence"),
]


@pytest.mark.parametrize(("text", "expected"), ALLOCATED)
def test_arms_know_whether_they_were_allocated(text, expected):
    assert [r.allocated for r in extract(text)
            if r.kind == "sample_size" and r.role == "arm"] == expected


def test_a_punctuation_space_separates_thousands():
    # U+2008 as a publisher typeset "11 518 patients"
    [size] = [r for r in extract("The analysis included 11\u2008518 patients.")
              if r.kind == "sample_size"]
    assert size.n == 11518


@pytest.mark.parametrize(("text", "message"), [
    pytest.param("The task was done by 140 volunteers (72 men, 68 women) with normal vision.",
                 "arms 72 + 68 = 140, the total 140: pass", id="parts-in-brackets"),
    pytest.param("Ninety-one students (40 men and 51 women; aged 18-25) sat the test.",
                 "arms 40 + 51 = 91, the total 91: pass", id="written-whole"),
    pytest.param("We weighed 310 infants, 120 preterm neonates, 101 term neonates and 89 older "
                 "infants on the ward.",
                 "arms 120 + 101 + 89 = 310, the total 310: pass", id="list-after-its-sum"),
])
def test_breakdowns_add_up_in_the_checks(text, message):
    found = [(c.status.value, c.message) for c in check(extract(text))
             if c.check == "arms_sum_to_total"]
    assert found == [("pass", message)]


@pytest.mark.parametrize("text", [
    pytest.param("1" * 100_000, id="digits"),
    pytest.param("(" * 100_000, id="open-brackets"),
    pytest.param("1 000 " * 16_000, id="space-thousands"),
    pytest.param("1 patients " * 9_000, id="people"),
    pytest.param("1 and " * 16_000, id="pairs"),
    pytest.param("n = " * 25_000, id="n-equals"),
    pytest.param("(n=1) " * 16_000, id="bare-n"),
    pytest.param("Two thousand " * 8_000, id="words"),
    pytest.param("1 in total " * 9_000, id="in-total"),
    pytest.param("1 men, " * 15_000, id="people-list"),
    pytest.param("1 men (" * 14_000, id="people-brackets"),
    pytest.param("n = 1, " * 15_000, id="n-equals-list"),
    pytest.param("1 TS Young " * 9_000, id="capitalised-words"),
])
def test_adversarial_text_time_grows_linearly(text, grows_linearly):
    grows_linearly(extract, text)
