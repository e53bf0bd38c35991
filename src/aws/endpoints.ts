import { partition } from '@aws-sdk/core/client';

/**
 * Where this program's AWS calls go. IAM, Budgets and the Account API are global services whose
 * endpoint lives in one region of each partition, and STS answers in every region but refuses
 * credentials (InvalidClientTokenId) in an opt-in region the account has not enabled. So every
 * client is signed for its partition's `implicitGlobalRegion` from the SDK's own partitions data
 * (`us-east-1` for `aws`, `cn-northwest-1` for `aws-cn`, `us-gov-west-1` for `aws-us-gov`): a
 * region enabled in every account of that partition. The configured region only says which
 * partition the credentials belong to. AWS_ENDPOINT_URL (tests, practice) still wins: the SDK
 * applies it on top of any region.
 */
export function serviceRegion(region: string): string {
  // The partitions data has the field; the SDK's type (EndpointPartition) predates it.
  return (partition(region) as { implicitGlobalRegion?: string }).implicitGlobalRegion ?? region;
}

/** The partition a region belongs to (`aws`, `aws-cn`, `aws-us-gov`, …), from the SDK's partitions data. */
export const partitionOf = (region: string): string => partition(region).name;

/**
 * The partitions where people hold credentials for this program, each by its service region, in
 * the order to try them when a partition refuses the credentials (a region of another partition
 * configured). The isolated partitions are not reachable from outside and are never guessed.
 */
export const PARTITION_SERVICE_REGIONS: readonly string[] = ['us-east-1', 'cn-north-1', 'us-gov-west-1'].map(serviceRegion);
