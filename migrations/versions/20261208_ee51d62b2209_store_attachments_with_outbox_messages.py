"""store attachments with outbox messages

Revision ID: ee51d62b2209
Revises: 96c38607994a
Create Date: 2026-12-08 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ee51d62b2209'
down_revision = '96c38607994a'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('outbox_attachment',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('message_id', sa.Integer(), nullable=False),
    sa.Column('filename', sa.String(length=200), nullable=False),
    sa.Column('mimetype', sa.String(length=100), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('maker', sa.String(length=60), nullable=True),
    sa.Column('maker_key', sa.Integer(), nullable=True),
    sa.Column('locale', sa.String(length=10), nullable=True),
    sa.ForeignKeyConstraint(['message_id'], ['outbox_message.id'], name=op.f('fk_outbox_attachment_message_id_outbox_message'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_attachment'))
    )
    op.create_index(op.f('ix_outbox_attachment_message_id'), 'outbox_attachment', ['message_id'], unique=False)


def downgrade():
    op.drop_index(op.f('ix_outbox_attachment_message_id'), table_name='outbox_attachment')
    op.drop_table('outbox_attachment')
