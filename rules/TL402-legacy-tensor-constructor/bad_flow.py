# In a plain function: the flow analysis follows the legacy constructor's CPU tensor
# to the tensors on the GPU it meets (a loader loop, a helper's arguments).
import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def matched_boxes(true_boxes, true_images, this_image):
    n = true_boxes.size(0)
    original = torch.LongTensor(range(n))[true_images == this_image]  # expect: TL402:16 lines=10
    return original


def weighted(scores):
    weights = torch.FloatTensor([0.2, 0.8])  # expect: TL402:15 lines=16
    return (scores * weights).sum()


def hit_rate(logits, targets):
    # A metric: `.eq()` of two GPU tensors is a GPU mask, its sum a GPU scalar, and the
    # count it is divided by a one-element CPU tensor (not a 0-dim one).
    hits = logits.argmax(dim=-1).eq(targets)
    return hits.sum() / torch.FloatTensor([targets.numel()])  # expect: TL402:25 lines=23


def padding_mask(seq_lens, max_len):
    # Made where seq_lens is: on the CPU when the caller's lengths are.
    steps = torch.arange(max_len, device=seq_lens.device)
    return steps[None, :] < seq_lens[:, None]


def masked_mean(hidden, n_tokens):
    # Reported where the lengths are made, the line to change: the mask only follows them.
    lens = torch.LongTensor(n_tokens)  # expect: TL402:12 lines=28,36
    mask = padding_mask(lens, hidden.size(1))
    return (hidden * mask.unsqueeze(-1)).sum(1) / mask.sum(1, keepdim=True)


if __name__ == "__main__":
    boxes = torch.rand(4, 4, device=device)
    images = torch.tensor([0, 0, 1, 1], device=device)
    print(matched_boxes(boxes, images, 1))
    print(weighted(torch.rand(2, device=device)))
    print(hit_rate(torch.rand(8, 3, device=device), torch.randint(0, 3, (8,)).to(device)))
    print(masked_mean(torch.rand(2, 5, 4, device=device), [3, 5]))
