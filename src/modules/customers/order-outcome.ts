/**
 * How an order ended, as customer analysis counts it: imported history carries its outcome; a
 * live order's is read from where it stands. `delivered` means delivered and paid; anything not
 * settled yet is `open`. One SQL expression over an `orders` row, shared by the profile and the
 * orders module's risk history so the two can never disagree.
 */
export const ORDER_OUTCOME_SQL = `CASE
    WHEN outcome IS NOT NULL THEN outcome
    WHEN status IN ('delivered', 'completed') AND payment_status = 'paid' THEN 'delivered'
    WHEN verification->>'status' = 'ghost' THEN 'ghost'
    WHEN status = 'cancelled' THEN 'cancelled'
    WHEN status = 'returned' AND fulfillment_status = 'refused' THEN 'refused'
    WHEN status = 'returned' THEN 'returned'
    ELSE 'open' END`;
