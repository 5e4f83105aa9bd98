# The legacy tensor meets only CPU tensors, or is moved first: nothing to say.
import torch

device = torch.device("cuda" if torch.cuda.is_available() else "cpu")


def matched_boxes(true_boxes, true_images, this_image):
    n = true_boxes.size(0)
    return torch.LongTensor(range(n))[(true_images == this_image).cpu()]


def weighted(scores):
    weights = torch.FloatTensor([0.2, 0.8]).to(scores.device)
    return (scores * weights).sum()


def on_cpu(scores):
    weights = torch.FloatTensor([0.2, 0.8])
    return (scores.cpu() * weights).sum()


def hit_rate(logits, targets):
    # Divided by a Python number: the result stays where the hits are.
    hits = logits.argmax(dim=-1).eq(targets)
    return hits.sum() / targets.numel()


def hit_rate_cpu(logits, targets):
    # Brought to the CPU first.
    hits = logits.argmax(dim=-1).eq(targets).cpu()
    return hits.sum() / torch.FloatTensor([targets.numel()])


if __name__ == "__main__":
    boxes = torch.rand(4, 4, device=device)
    images = torch.tensor([0, 0, 1, 1], device=device)
    print(matched_boxes(boxes, images, 1))
    print(weighted(torch.rand(2, device=device)), on_cpu(torch.rand(2, device=device)))
    logits, targets = torch.rand(8, 3, device=device), torch.randint(0, 3, (8,)).to(device)
    print(hit_rate(logits, targets), hit_rate_cpu(logits, targets))
