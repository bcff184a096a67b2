"""keep signed-in sessions on the server so each can be ended there

Revision ID: 2491f44938b2
Revises: c41e5d7a9f20
Create Date: 2026-12-07 18:03:14.018003

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '2491f44938b2'
down_revision = 'c41e5d7a9f20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('signed_in_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('secret_hash', sa.String(length=64), nullable=False),
    sa.Column('started_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('expires_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('ended_because', sa.String(length=30), nullable=True),
    sa.Column('address', sa.String(length=45), nullable=True),
    sa.Column('user_agent', sa.String(length=200), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_signed_in_session_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_signed_in_session')),
    sa.UniqueConstraint('secret_hash', name=op.f('uq_signed_in_session_secret_hash'))
    )
    op.create_index(op.f('ix_signed_in_session_person_id'), 'signed_in_session', ['person_id'], unique=False)
    # The per-person token gave way to a row per session. SQLite (3.35 and later) and
    # PostgreSQL both drop a column in place, so the person table, which many refer to, is
    # not rebuilt. Every session signed in before this migration ends with it.
    op.drop_column('person', 'session_token')


def downgrade():
    op.add_column('person', sa.Column('session_token', sa.String(length=64), nullable=False, server_default='before-sessions'))
    op.drop_index(op.f('ix_signed_in_session_person_id'), table_name='signed_in_session')
    op.drop_table('signed_in_session')
