"""move the forum's digest into the one daily digest

Revision ID: 8b1d4e6f2a90
Revises: 3f6a9c2d7e15
Create Date: 2026-12-08 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '8b1d4e6f2a90'
down_revision = '3f6a9c2d7e15'
branch_labels = None
depends_on = None


def upgrade():
    # Who took the forum's digest now takes forum messages in the one daily digest. Posts
    # since their last forum digest are not carried over: from here each post is a notification.
    op.get_bind().execute(sa.text(
        "INSERT INTO notification_choice (person_id, category, choice) "
        "SELECT person_id, 'forum', 'digest' FROM forum_preference WHERE digest = :taken"), {"taken": True})
    op.drop_table('forum_preference')


def downgrade():
    op.create_table('forum_preference',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('digest', sa.Boolean(), nullable=False),
    sa.Column('digest_through', sa.DateTime(timezone=True), nullable=True),
    sa.Column('digest_sent_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_forum_preference_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', name=op.f('pk_forum_preference'))
    )
    op.get_bind().execute(sa.text(
        "INSERT INTO forum_preference (person_id, digest) "
        "SELECT person_id, :taken FROM notification_choice WHERE category = 'forum' AND choice = 'digest'"), {"taken": True})
    op.execute("DELETE FROM notification_choice WHERE category = 'forum' AND choice = 'digest'")
