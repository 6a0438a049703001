/**
 * The GraphQL documents ShopDesk sends, and their page sizes.
 *
 * Page sizes are set by Shopify's single-query cost ceiling (1000 points, checked on the *requested* cost before
 * the query runs), not by the 250-node page maximum: a connection costs about first × (cost of one node), and
 * nested connections multiply. orders(first: 100) { lineItems(first: 100) } would ask for ~50 000 points and be
 * refused with MAX_COST_EXCEEDED on every call. So a page is ORDERS_PAGE orders with their first LINES_PAGE
 * lines (≈ 850 points requested; the actual cost charged is far lower for ordinary 1–3 line orders), and the
 * rare order with more lines gets follow-up pages through order(id:) { lineItems(after:) }.
 */
export const ORDERS_PAGE = 10;
export const LINES_PAGE = 10;
export const MORE_LINES_PAGE = 100;
/** Fulfillments read per order: enough to find a tracking number; an order with more is matched on the first 20. */
export const FULFILLMENTS_READ = 20;
export const FULFILLMENT_ORDERS_PAGE = 5;
export const FO_LINES_PAGE = 50;
export const MORE_FO_LINES_PAGE = 100;

const money = 'shopMoney { amount currencyCode }';

const LINE_FIELDS = /* GraphQL */ `
  fragment LineFields on LineItem {
    id sku name title variantTitle quantity currentQuantity requiresShipping
    originalUnitPriceSet { ${money} }
    discountedUnitPriceSet { ${money} }
  }
`;

const ORDER_FIELDS = /* GraphQL */ `
  fragment OrderFields on Order {
    id legacyResourceId name createdAt updatedAt processedAt cancelledAt cancelReason closedAt
    displayFinancialStatus displayFulfillmentStatus currencyCode email phone note tags
    totalPriceSet { ${money} }
    totalShippingPriceSet { ${money} }
    totalDiscountsSet { ${money} }
    totalTaxSet { ${money} }
    totalRefundedSet { ${money} }
    shippingAddress { name firstName lastName company address1 address2 city province provinceCode zip country countryCodeV2 phone }
    lineItems(first: $linesFirst) { pageInfo { hasNextPage endCursor } nodes { ...LineFields } }
    fulfillments(first: 5) { id status createdAt trackingInfo(first: 3) { company number } }
  }
`;

/** Orders updated in a window, oldest update first, so each page's last updatedAt is a valid watermark. */
export const ORDERS_UPDATED = /* GraphQL */ `
  query OrdersUpdated($q: String!, $first: Int!, $after: String, $linesFirst: Int!) {
    orders(first: $first, after: $after, sortKey: UPDATED_AT, query: $q) {
      pageInfo { hasNextPage endCursor }
      nodes { ...OrderFields }
    }
  }
  ${ORDER_FIELDS}
  ${LINE_FIELDS}
`;

/** The lines of one order past the first page. */
export const ORDER_MORE_LINES = /* GraphQL */ `
  query OrderMoreLines($id: ID!, $first: Int!, $after: String!) {
    order(id: $id) {
      id
      lineItems(first: $first, after: $after) { pageInfo { hasNextPage endCursor } nodes { ...LineFields } }
    }
  }
  ${LINE_FIELDS}
`;

const FO_FIELDS = /* GraphQL */ `
  fragment FulfillmentOrderFields on FulfillmentOrder {
    id status
    lineItems(first: $foLinesFirst) {
      pageInfo { hasNextPage endCursor }
      nodes { id totalQuantity remainingQuantity lineItem { id sku } }
    }
  }
`;

/** What a shipment write-back needs: existing tracking numbers and the fulfillment orders with their own line ids. */
export const SHIPMENT_CONTEXT = /* GraphQL */ `
  query ShipmentContext($id: ID!, $fulfillmentsFirst: Int!, $foFirst: Int!, $foAfter: String, $foLinesFirst: Int!) {
    order(id: $id) {
      id legacyResourceId name cancelledAt
      fulfillments(first: $fulfillmentsFirst) { id status trackingInfo(first: 5) { company number } }
      fulfillmentOrders(first: $foFirst, after: $foAfter) {
        pageInfo { hasNextPage endCursor }
        nodes { ...FulfillmentOrderFields }
      }
    }
  }
  ${FO_FIELDS}
`;

/** The line items of one fulfillment order past the first page. */
export const FULFILLMENT_ORDER_MORE_LINES = /* GraphQL */ `
  query FulfillmentOrderMoreLines($id: ID!, $first: Int!, $after: String!) {
    fulfillmentOrder(id: $id) {
      id
      lineItems(first: $first, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes { id totalQuantity remainingQuantity lineItem { id sku } }
      }
    }
  }
`;

export const FULFILLMENT_CREATE = /* GraphQL */ `
  mutation FulfillmentCreate($fulfillment: FulfillmentInput!) {
    fulfillmentCreate(fulfillment: $fulfillment) {
      fulfillment { id status trackingInfo { company number } }
      userErrors { field message }
    }
  }
`;
