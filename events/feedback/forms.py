"""The answer form, built from a survey's questions: radio buttons for a scale and a single choice,
check boxes for a multiple choice (each group a fieldset with its legend), text fields."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import SCALE, Question
from .services import AnswerValue

SHORT_TEXT_LENGTH = 300
LONG_TEXT_LENGTH = 4000


def field_name(question):
    return f"q{question.pk}"


def _label(question):
    return format_lazy("{} {}", question.label, _("(required)")) if question.required else question.label


def _field(question):
    required = question.required
    messages = {
        "required": _("Please answer this question."),
        "invalid_choice": _("Choose one of the options."),
    }
    if question.kind == Question.Kind.SCALE:
        return forms.TypedChoiceField(
            label=_label(question),
            choices=[(str(value), str(value)) for value in SCALE],
            coerce=int,
            widget=forms.RadioSelect,
            required=required,
            help_text=_("1 — very poor, 5 — very good."),
            error_messages=messages,
        )
    if question.kind == Question.Kind.SINGLE:
        return forms.ChoiceField(
            label=_label(question),
            choices=[(choice, choice) for choice in question.choice_list],
            widget=forms.RadioSelect,
            required=required,
            error_messages=messages,
        )
    if question.kind == Question.Kind.MULTIPLE:
        return forms.MultipleChoiceField(
            label=_label(question),
            choices=[(choice, choice) for choice in question.choice_list],
            widget=forms.CheckboxSelectMultiple,
            required=required,
            help_text=_("Choose any number."),
            error_messages={**messages, "invalid_choice": _("Choose only the options listed.")},
        )
    length = SHORT_TEXT_LENGTH if question.kind == Question.Kind.SHORT_TEXT else LONG_TEXT_LENGTH
    return forms.CharField(
        label=_label(question),
        max_length=length,
        required=required,
        widget=forms.TextInput
        if question.kind == Question.Kind.SHORT_TEXT
        else forms.Textarea(attrs={"rows": 5}),
        error_messages={
            **messages,
            "max_length": _(
                "Please keep the answer under %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )


class AnswerForm(forms.Form):
    def __init__(self, *args, questions, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.questions = questions
        for question in questions:
            self.fields[field_name(question)] = _field(question)

    def answers(self):
        """The cleaned answers as the service takes them (unanswered optional questions left out)."""
        values = []
        for question in self.questions:
            value = self.cleaned_data.get(field_name(question))
            if value in (None, "", []):
                continue
            if question.kind == Question.Kind.SCALE:
                values.append(AnswerValue(question_id=question.pk, number=value))
            elif question.kind == Question.Kind.SINGLE:
                values.append(AnswerValue(question_id=question.pk, choices=[value]))
            elif question.kind == Question.Kind.MULTIPLE:
                values.append(AnswerValue(question_id=question.pk, choices=list(value)))
            else:
                values.append(AnswerValue(question_id=question.pk, text=value.strip()))
        return values
