# source: https://github.com/mlfoundations/open_clip/pull/277
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.cuda.HalfTensor) should be the same
# pattern: input-dtype-mismatch
# shape: multi-file, class
# needs: torch, pillow
# cpu: no written where torch was not installed; not run
import os

from PIL import Image
from torch.utils.data import DataLoader, Dataset

EXTS = (".jpg", ".jpeg", ".png", ".webp")


class ImageDir(Dataset):
    def __init__(self, root, preprocess):
        self.paths = sorted(os.path.join(root, f) for f in os.listdir(root) if f.lower().endswith(EXTS))
        self.preprocess = preprocess

    def __len__(self):
        return len(self.paths)

    def __getitem__(self, i):
        image = Image.open(self.paths[i]).convert("RGB")
        return self.preprocess(image), i


def make_loader(root, preprocess, batch_size=128):
    return DataLoader(ImageDir(root, preprocess), batch_size=batch_size, num_workers=8, pin_memory=True)
