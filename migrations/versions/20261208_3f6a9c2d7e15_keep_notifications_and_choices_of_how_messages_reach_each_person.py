"""keep notifications and each person's choices of how messages reach them

Revision ID: 3f6a9c2d7e15
Revises: 21936efaae01
Create Date: 2026-12-08 10:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3f6a9c2d7e15'
down_revision = '21936efaae01'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('notification',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=60), nullable=False),
    sa.Column('subject', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('link', sa.String(length=500), nullable=True),
    sa.Column('delivery', sa.String(length=10), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('read_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("delivery IN ('email', 'digest', 'digested', 'portal')", name=op.f('ck_notification_delivery')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_notification_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_notification'))
    )
    op.create_index('ix_notification_person_id_id', 'notification', ['person_id', 'id'], unique=False)
    op.create_index('ix_notification_person_id_read_at', 'notification', ['person_id', 'read_at'], unique=False)
    op.create_index(op.f('ix_notification_delivery'), 'notification', ['delivery'], unique=False)
    op.create_table('notification_choice',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=20), nullable=False),
    sa.Column('choice', sa.String(length=10), nullable=False),
    sa.CheckConstraint("choice IN ('now', 'digest', 'portal')", name=op.f('ck_notification_choice_choice')),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_notification_choice_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'category', name=op.f('pk_notification_choice'))
    )
    op.create_table('notification_digest',
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('sent_on', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_notification_digest_person_id_person'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('person_id', 'sent_on', name=op.f('pk_notification_digest'))
    )


def downgrade():
    op.drop_table('notification_digest')
    op.drop_table('notification_choice')
    op.drop_index(op.f('ix_notification_delivery'), table_name='notification')
    op.drop_index('ix_notification_person_id_read_at', table_name='notification')
    op.drop_index('ix_notification_person_id_id', table_name='notification')
    op.drop_table('notification')
