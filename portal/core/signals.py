"""Events one area announces and another acts on, so that dependencies point one way."""

from blinker import Namespace

signals = Namespace()

# Sent with ``lab`` (and ``by``) when a Policy Lab proposal is approved.
lab_approved = signals.signal("lab-approved")
