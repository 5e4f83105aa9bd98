import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset


# Reviews and their star ratings, tokenized up front: the loader's batches are CPU
# tensors (default collate). The training step moves the ids and the mask, and
# forgets the ratings, which meet the logits on the GPU in a helper's loss. The
# finding is the loop's call that hands them on: the loop must move the ratings, not
# the helper, nor the Dataset make them on the GPU.
class Reviews(Dataset):
    def __init__(self, encodings, stars):
        self.ids = encodings["input_ids"]
        self.mask = encodings["attention_mask"]
        self.stars = torch.tensor(stars)

    def __len__(self):
        return len(self.stars)

    def __getitem__(self, i):
        return self.ids[i], self.mask[i], self.stars[i]


def rating_loss(logits, stars):
    return F.cross_entropy(logits, stars - 1)


def train_epoch(model, encodings, stars, optimizer, device):
    model.to(device)
    for ids, mask, target in DataLoader(Reviews(encodings, stars), batch_size=16):
        logits = model(ids.to(device), mask.to(device))
        loss = rating_loss(logits, target)  # expect: TL204:36 lines=15,29,25
        loss.backward()
        optimizer.step()
