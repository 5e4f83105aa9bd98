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


if __name__ == "__main__":
    boxes = torch.rand(4, 4, device=device)
    images = torch.tensor([0, 0, 1, 1], device=device)
    print(matched_boxes(boxes, images, 1))
    print(weighted(torch.rand(2, device=device)), on_cpu(torch.rand(2, device=device)))
