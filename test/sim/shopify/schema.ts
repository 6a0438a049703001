import { buildSchema } from 'graphql';

/**
 * The subset of Shopify's Admin GraphQL schema the simulator serves. Names, nullability and argument lists follow
 * shopify.dev for the types ShopDesk touches; anything not declared here fails validation in errors[] exactly as an
 * unknown field would on Shopify. Deliberate simplifications, each marked below:
 * - CurrencyCode lists a handful of currencies, countryCodeV2 is a String (an enum of ~250 codes upstream).
 * - No Node interface / node(id:) root field: ShopDesk reads through order(id:) and fulfillmentOrder(id:).
 */
export const SHOPIFY_SDL = /* GraphQL */ `
  scalar DateTime
  scalar Decimal
  scalar URL
  scalar UnsignedInt64

  enum CurrencyCode { USD EUR GBP CAD AUD NZD JPY CNY HKD SGD CHF SEK DKK NOK KRW TWD }

  enum OrderSortKeys {
    CREATED_AT CURRENT_TOTAL_PRICE CUSTOMER_NAME DESTINATION FINANCIAL_STATUS FULFILLMENT_STATUS ID ORDER_NUMBER
    PO_NUMBER PROCESSED_AT RELEVANCE TOTAL_ITEMS_QUANTITY TOTAL_PRICE UPDATED_AT
  }
  enum OrderDisplayFinancialStatus { AUTHORIZED EXPIRED PAID PARTIALLY_PAID PARTIALLY_REFUNDED PENDING REFUNDED VOIDED }
  enum OrderDisplayFulfillmentStatus {
    FULFILLED IN_PROGRESS ON_HOLD OPEN PARTIALLY_FULFILLED PENDING_FULFILLMENT REQUEST_DECLINED RESTOCKED SCHEDULED UNFULFILLED
  }
  enum OrderCancelReason { CUSTOMER DECLINED FRAUD INVENTORY STAFF OTHER }
  enum FulfillmentOrderStatus { OPEN IN_PROGRESS CLOSED CANCELLED INCOMPLETE ON_HOLD SCHEDULED }
  enum FulfillmentStatus { SUCCESS CANCELLED ERROR FAILURE OPEN PENDING }

  type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }

  type MoneyV2 { amount: Decimal! currencyCode: CurrencyCode! }
  type MoneyBag { shopMoney: MoneyV2! presentmentMoney: MoneyV2! }

  type MailingAddress {
    name: String firstName: String lastName: String company: String address1: String address2: String city: String
    province: String provinceCode: String zip: String country: String countryCodeV2: String phone: String
  }

  type ProductVariant { id: ID! sku: String title: String! }

  type LineItem {
    id: ID! sku: String name: String! title: String! variantTitle: String quantity: Int! currentQuantity: Int!
    requiresShipping: Boolean! originalUnitPriceSet: MoneyBag! discountedUnitPriceSet: MoneyBag! variant: ProductVariant
  }
  type LineItemEdge { cursor: String! node: LineItem! }
  type LineItemConnection { edges: [LineItemEdge!]! nodes: [LineItem!]! pageInfo: PageInfo! }

  type FulfillmentOrderLineItem { id: ID! totalQuantity: Int! remainingQuantity: Int! lineItem: LineItem! }
  type FulfillmentOrderLineItemEdge { cursor: String! node: FulfillmentOrderLineItem! }
  type FulfillmentOrderLineItemConnection {
    edges: [FulfillmentOrderLineItemEdge!]! nodes: [FulfillmentOrderLineItem!]! pageInfo: PageInfo!
  }

  type FulfillmentOrder {
    id: ID! orderId: ID! status: FulfillmentOrderStatus! createdAt: DateTime! updatedAt: DateTime!
    lineItems(first: Int, after: String, last: Int, before: String, reverse: Boolean = false): FulfillmentOrderLineItemConnection!
  }
  type FulfillmentOrderEdge { cursor: String! node: FulfillmentOrder! }
  type FulfillmentOrderConnection { edges: [FulfillmentOrderEdge!]! nodes: [FulfillmentOrder!]! pageInfo: PageInfo! }

  type FulfillmentTrackingInfo { company: String number: String url: URL }
  type Fulfillment {
    id: ID! status: FulfillmentStatus! createdAt: DateTime! updatedAt: DateTime!
    trackingInfo(first: Int): [FulfillmentTrackingInfo!]!
  }

  type Order {
    id: ID! legacyResourceId: UnsignedInt64! name: String! createdAt: DateTime! updatedAt: DateTime!
    processedAt: DateTime! cancelledAt: DateTime cancelReason: OrderCancelReason closedAt: DateTime closed: Boolean!
    displayFinancialStatus: OrderDisplayFinancialStatus displayFulfillmentStatus: OrderDisplayFulfillmentStatus!
    currencyCode: CurrencyCode! email: String phone: String note: String tags: [String!]! test: Boolean!
    totalPriceSet: MoneyBag! subtotalPriceSet: MoneyBag totalShippingPriceSet: MoneyBag! totalTaxSet: MoneyBag
    totalDiscountsSet: MoneyBag totalRefundedSet: MoneyBag!
    shippingAddress: MailingAddress
    lineItems(first: Int, after: String, last: Int, before: String, reverse: Boolean = false): LineItemConnection!
    fulfillmentOrders(
      first: Int, after: String, last: Int, before: String, reverse: Boolean = false, displayable: Boolean = false, query: String
    ): FulfillmentOrderConnection!
    fulfillments(first: Int): [Fulfillment!]!
  }
  type OrderEdge { cursor: String! node: Order! }
  type OrderConnection { edges: [OrderEdge!]! nodes: [Order!]! pageInfo: PageInfo! }

  type UserError { field: [String!] message: String! }
  type FulfillmentCreatePayload { fulfillment: Fulfillment userErrors: [UserError!]! }

  input FulfillmentOrderLineItemInput { id: ID! quantity: Int! }
  input FulfillmentOrderLineItemsInput { fulfillmentOrderId: ID! fulfillmentOrderLineItems: [FulfillmentOrderLineItemInput!] }
  input FulfillmentTrackingInput { company: String number: String numbers: [String!] url: URL urls: [URL!] }
  input FulfillmentInput {
    lineItemsByFulfillmentOrder: [FulfillmentOrderLineItemsInput!]! notifyCustomer: Boolean = false
    trackingInfo: FulfillmentTrackingInput
  }

  type Query {
    orders(
      first: Int, after: String, last: Int, before: String, reverse: Boolean = false, sortKey: OrderSortKeys = ID, query: String
    ): OrderConnection!
    order(id: ID!): Order
    fulfillmentOrder(id: ID!): FulfillmentOrder
  }
  type Mutation {
    fulfillmentCreate(fulfillment: FulfillmentInput!, message: String): FulfillmentCreatePayload
  }
`;

export const shopifySchema = buildSchema(SHOPIFY_SDL);
