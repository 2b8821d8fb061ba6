import pytest

from decisions.classification import organisation_kind, outcome_group, split_organisations


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("London Borough of Newham", "council"),
        ("Royal Borough of Thistlebury", "council"),
        ("City of Wrenmoor Council", "council"),
        ("Oakhollow Metropolitan Borough Council", "council"),
        ("Bramblewood Care Ltd (Thistlebury House)", "care_provider"),
        ("Sunnyfield Homecare Limited", "care_provider"),
        ("Wrenmoor Nursing Home", "care_provider"),
        ("Oakhollow Police and Crime Commissioner", "other"),
        ("Brackenford Fire and Rescue Authority", "other"),
        ("Wrenmoor National Park Authority", "other"),
        ("Thistlebury School Admission Appeal Panel", "other"),
        ("Transport for Wrenmoor", "other"),
        # The City of London under each of its published names; a council's own service.
        ("City of London", "council"),
        ("Corporation of the City of London", "council"),
        ("City of London Corporation", "council"),
        ("Northmere County Council (Fire and Rescue Service)", "council"),
        ("Wrenmoor Town Council (Allotments)", "other"),
    ],
)
def test_organisation_kind(name, kind):
    assert organisation_kind(name) == kind


@pytest.mark.parametrize(
    ("name", "bodies"),
    [
        ("Brighton and Hove City Council", ("Brighton and Hove City Council",)),
        ("Royal Borough of Kensington and Chelsea", ("Royal Borough of Kensington and Chelsea",)),
        (
            "Thames Valley Police and Crime Commissioner",
            ("Thames Valley Police and Crime Commissioner",),
        ),
        ("Wrenmoor Council and Wrenmoor NHS Trust", ("Wrenmoor Council", "Wrenmoor NHS Trust")),
        (
            "Ash Care Ltd (Ash House) and Wrenmoor Council",
            ("Ash Care Ltd (Ash House)", "Wrenmoor Council"),
        ),
        (
            "A County Council, B Borough Council and C District Council",
            ("A County Council", "B Borough Council", "C District Council"),
        ),
        # A borough's name ends in no body word: split where what follows names a body.
        (
            "Royal Borough of Wrenmoor and Wrenmoor Healthcare NHS Trust",
            ("Royal Borough of Wrenmoor", "Wrenmoor Healthcare NHS Trust"),
        ),
        (
            "London Borough of Wrenmoor and NHS Wrenmoor Clinical Commissioning Group",
            ("London Borough of Wrenmoor", "NHS Wrenmoor Clinical Commissioning Group"),
        ),
        (
            "Royal Borough of Windsor and Maidenhead and Wrenmoor Integrated Care Board",
            ("Royal Borough of Windsor and Maidenhead", "Wrenmoor Integrated Care Board"),
        ),
        ("London Borough of Barking and Dagenham", ("London Borough of Barking and Dagenham",)),
        # The same boroughs written with "&", as the Ombudsman often writes them.
        (
            "London Borough of Hammersmith & Fulham and Wrenmoor Community Healthcare NHS Trust",
            ("London Borough of Hammersmith & Fulham", "Wrenmoor Community Healthcare NHS Trust"),
        ),
        (
            "Royal Borough of Windsor & Maidenhead and Wrenmoor Integrated Care Board",
            ("Royal Borough of Windsor & Maidenhead", "Wrenmoor Integrated Care Board"),
        ),
        ("Royal Borough of Kensington & Chelsea", ("Royal Borough of Kensington & Chelsea",)),
        (
            "Oakfield Homecare Ltd, trading as Wrenmoor Home Support",
            ("Oakfield Homecare Ltd, trading as Wrenmoor Home Support",),
        ),
        (
            "Wrenmoor Council and Oakfield Homecare Ltd t/a Wrenmoor Home Support",
            ("Wrenmoor Council", "Oakfield Homecare Ltd t/a Wrenmoor Home Support"),
        ),
        ("London Borough of Wrenmoor and Oakhollow", ("London Borough of Wrenmoor and Oakhollow",)),
    ],
)
def test_joint_names_split_only_after_a_body_name_ends(name, bodies):
    assert split_organisations(name) == bodies


@pytest.mark.parametrize(
    ("label", "group"),
    [
        ("Upheld", "upheld"),
        ("Upheld: maladministration and injustice", "upheld"),
        ("Upheld: maladministration, no injustice", "upheld"),
        ("Upheld: no further action", "upheld"),
        ("Not upheld", "not_upheld"),
        ("Not upheld: no maladministration", "not_upheld"),
        ("Closed after initial enquiries", "closed"),
        ("Closed after initial enquiries - out of jurisdiction", "closed"),
        ("Premature", "closed"),
        ("Not in jurisdiction", "closed"),
        ("Withdrawn", "other"),
        ("Investigation discontinued", "other"),
        ("Report issued", "other"),
        ("Something new", "other"),
    ],
)
def test_outcome_group(label, group):
    assert outcome_group(label) == group
