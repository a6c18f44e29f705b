import { clusterRecords, type ClusterLink } from "../clustering";

const link = (left: number, right: number, matchWeight: number, isMatch = true): ClusterLink => ({ left, right, matchWeight, isMatch });

/** Every pair within [from, to) linked as a match, at a given weight. */
function clique(from: number, to: number, matchWeight: number): ClusterLink[] {
  const links: ClusterLink[] = [];
  for (let left = from; left < to; left += 1) for (let right = left + 1; right < to; right += 1) links.push(link(left, right, matchWeight));
  return links;
}

const options = { minimumSupport: 0.34 };
const together = (clusters: number[][], a: number, b: number) => clusters.some((cluster) => cluster.includes(a) && cluster.includes(b));

describe("clustering that resists chaining", () => {
  it("keeps two large clusters apart when one bad link joins them, even the strongest link of all", () => {
    const links = [...clique(0, 6, 10), ...clique(6, 12, 10), link(5, 6, 30)];
    const clusters = clusterRecords(12, links, options);
    expect(together(clusters, 0, 11)).toBe(false);
    // The bad link can at most misplace the record at its end, never fuse the two people.
    expect(Math.max(...clusters.map((cluster) => cluster.length))).toBeLessThanOrEqual(7);
    expect(clusters.filter((cluster) => cluster.length >= 5)).toHaveLength(2);
  });

  it("keeps two clusters apart when a single bridging record links to both", () => {
    const bridge = 10;
    const links = [...clique(0, 5, 10), ...clique(5, 10, 10), link(0, bridge, 12), link(5, bridge, 11)];
    const clusters = clusterRecords(11, links, options);
    expect(clusters).toHaveLength(2);
    expect(together(clusters, 0, 5)).toBe(false);
    expect(clusters).toContainEqual([5, 6, 7, 8, 9]);
  });

  it("connected components would have fused them: the same links in one chain", () => {
    // A chain a–b–c–d–e: each record links only to the next. Average linkage keeps it in pieces.
    const chain = [link(0, 1, 10), link(1, 2, 10), link(2, 3, 10), link(3, 4, 10)];
    expect(clusterRecords(5, chain, options).length).toBeGreaterThan(1);
  });

  it("merges well-supported groups, and a lone record that plausibly matches enough of a group", () => {
    // Two triangles; across them 3 matches and 1 review-grade link: 4 of 9 pairs, support 0.44.
    const groups = [...clique(0, 3, 10), ...clique(3, 6, 10), link(0, 3, 5), link(1, 4, 5), link(2, 5, 5), link(0, 4, 1, false)];
    expect(clusterRecords(6, groups, options)).toEqual([[0, 1, 2, 3, 4, 5]]);
    // Record 3 matches two of the triangle's three records: it joins. Record 4 matches one: it does not.
    const lone = [...clique(0, 3, 10), link(3, 0, 4), link(3, 1, 4), link(4, 2, 4)];
    expect(clusterRecords(5, lone, options)).toEqual([[0, 1, 2, 3], [4]]);
  });

  it("does not make a subject of review-grade links alone", () => {
    expect(clusterRecords(2, [link(0, 1, 1, false)], options)).toEqual([[0], [1]]);
  });

  it("never puts two different valid NHS numbers in one cluster", () => {
    const links = [link(0, 2, 10), link(1, 2, 9), link(0, 1, 1, false)];
    const strongIdentifiers = [{ nhsNumber: "9434765919" }, { nhsNumber: "4010232137" }, {}];
    expect(clusterRecords(3, links, { ...options, strongIdentifiers })).toEqual([[0, 2], [1]]);
  });

  it("does not depend on the order of the links", () => {
    const links = [...clique(0, 4, 8), ...clique(4, 8, 8), link(3, 4, 8)];
    expect(clusterRecords(8, [...links].reverse(), options)).toEqual(clusterRecords(8, links, options));
  });
});

describe("clustering under reviewers' decisions", () => {
  it("keeps a confirmed pair together though the model scored it below the review threshold", () => {
    expect(clusterRecords(2, [], { ...options, mustLink: [[0, 1]] })).toEqual([[0, 1]]);
  });

  it("keeps a rejected pair apart though the model scored it a certain match", () => {
    expect(clusterRecords(2, [link(0, 1, 40)], { ...options, cannotLink: [[0, 1]] })).toEqual([[0], [1]]);
  });

  it("refuses a merge that would put a rejected pair in one cluster through a third record", () => {
    // 0 and 2 were rejected; 1 matches both. 1 goes with the stronger, 0 and 2 stay apart.
    const clusters = clusterRecords(3, [link(0, 1, 20), link(1, 2, 10)], { ...options, cannotLink: [[0, 2]] });
    expect(clusters).toEqual([[0, 1], [2]]);
  });

  it("skips a confirmation that contradicts a rejection rather than breaking it", () => {
    const clusters = clusterRecords(3, [], { ...options, mustLink: [[0, 1], [1, 2]], cannotLink: [[0, 2]] });
    expect(clusters).toEqual([[0, 1], [2]]);
  });

  it("lets a confirmed group still merge with records the model links to it", () => {
    const clusters = clusterRecords(3, [link(1, 2, 12)], { ...options, mustLink: [[0, 1]] });
    expect(clusters).toEqual([[0, 1, 2]]);
  });
});
