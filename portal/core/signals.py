"""Events one area announces and another acts on, so that dependencies point one way."""

from blinker import Namespace

signals = Namespace()

# Sent with ``lab`` (and ``by``) when a Policy Lab proposal is approved.
lab_approved = signals.signal("lab-approved")

# Sent with ``group`` when a group is made (a lab's steering group or a standing one).
group_created = signals.signal("group-created")
