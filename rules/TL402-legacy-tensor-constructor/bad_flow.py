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


if __name__ == "__main__":
    boxes = torch.rand(4, 4, device=device)
    images = torch.tensor([0, 0, 1, 1], device=device)
    print(matched_boxes(boxes, images, 1))
    print(weighted(torch.rand(2, device=device)))
