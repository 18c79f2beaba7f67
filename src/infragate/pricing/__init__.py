"""Unit prices: one small interface (`PriceBook`) over dated, sourced snapshots."""
