from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from cms.privacy.forms import add_notice_fields
from cms.privacy.models import Purpose

from .models import Round


class ScoreSheetForm(forms.Form):
    """One number and one comment per criterion; completeness is checked by the service on submit."""

    def __init__(self, *args, criteria, scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        scores = {score.criterion_id: score for score in (scores or [])}
        for criterion in self.criteria:
            score = scores.get(criterion.pk)
            help_parts = [criterion.description] if criterion.description else []
            help_parts.append(
                _("From %(min)s to %(max)s.")
                % {"min": f"{criterion.scale_min:g}", "max": f"{criterion.scale_max:g}"}
            )
            help_parts.extend(criterion.label_lines)
            self.fields[f"value_{criterion.pk}"] = forms.DecimalField(
                label=criterion.name
                if criterion.required
                else _("%(name)s (optional)") % {"name": criterion.name},
                required=False,
                max_digits=6,
                decimal_places=2,
                validators=[MinValueValidator(criterion.scale_min), MaxValueValidator(criterion.scale_max)],
                initial=score.value if score else None,
                help_text=" ".join(str(part) for part in help_parts),
                widget=forms.NumberInput(
                    attrs={
                        "min": f"{criterion.scale_min:g}",
                        "max": f"{criterion.scale_max:g}",
                        "step": "any",
                    }
                ),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment on “%(name)s”") % {"name": criterion.name},
                required=False,
                max_length=4000,
                initial=score.comment if score else "",
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["confirm"] = forms.BooleanField(
            label=_("I have checked my scores: submitting is final and they cannot be changed afterwards."),
            required=False,
            help_text=_("Needed only to submit the score sheet, not to save a draft."),
        )

    def check_confirmed(self):
        """The irreversible submit needs the box ticked (a confirmation that works without JavaScript)."""
        if not self.cleaned_data.get("confirm"):
            self.add_error("confirm", _("Tick the box to confirm that your scores are final."))
            return False
        return True

    def values(self):
        return {
            criterion: (
                self.cleaned_data[f"value_{criterion.pk}"],
                self.cleaned_data[f"comment_{criterion.pk}"],
            )
            for criterion in self.criteria
        }


class RecusalForm(forms.Form):
    reason = forms.CharField(
        label=_("Why can you not judge this entry?"),
        max_length=255,
        help_text=_("For example: I know the authors or the school."),
    )


class AssignForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Category"), queryset=None, required=False, empty_label=_("all categories")
    )
    jurors = forms.ModelMultipleChoiceField(
        label=_("Jurors"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    per_entry = forms.IntegerField(
        label=_("Jurors per entry"),
        required=False,
        min_value=1,
        max_value=50,
        help_text=_("Leave empty to give every juror every entry."),
    )

    def __init__(self, *args, round: Round, jurors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = round.contest.categories.all()
        self.fields["jurors"].queryset = jurors
        self.fields["jurors"].label_from_instance = lambda user: user.get_full_name() or user.email


class ExternalFigureForm(forms.Form):
    def __init__(self, *args, entries, figures, **kwargs):
        super().__init__(*args, **kwargs)
        self.entries = list(entries)
        for entry in self.entries:
            self.fields[f"figure_{entry.pk}"] = forms.DecimalField(
                label=entry.title,
                required=False,
                min_value=0,
                max_digits=10,
                decimal_places=2,
                initial=figures.get(entry.pk),
            )

    def figures(self):
        return {entry: self.cleaned_data[f"figure_{entry.pk}"] for entry in self.entries}


class VoteForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        help_text=_("We send a link to confirm your vote; one vote per address in each category."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_notice_fields(self, Purpose.PUBLIC_VOTE)
