# source: https://github.com/wujiyang/MTCNN_TRAIN/issues/3
# error: RuntimeError: Input type (torch.cuda.DoubleTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: float64-input
# shape: multi-file, loader-loop
# needs: torch, numpy, opencv-python
# cpu: no written where torch was not installed; not run
"""Mini-batch iterator over the 12x12 P-Net crops (pos / part / neg / landmark)."""
import cv2
import numpy as np
import torch

from image_tools import convert_image_to_tensor, hflip


class TrainImageReader:
    def __init__(self, imdb, im_size=12, batch_size=128, shuffle=True):
        self.imdb = imdb
        self.im_size = im_size
        self.batch_size = batch_size
        self.shuffle = shuffle
        self.index = np.arange(len(imdb))

    def __len__(self):
        return (len(self.imdb) + self.batch_size - 1) // self.batch_size

    def __iter__(self):
        if self.shuffle:
            np.random.shuffle(self.index)
        for start in range(0, len(self.index), self.batch_size):
            rows = [self.imdb[i] for i in self.index[start:start + self.batch_size]]
            yield self._load_batch(rows)

    def _load_batch(self, rows):
        images, labels, bboxes = [], [], []
        for row in rows:
            im = cv2.imread(row["image"])
            if im.shape[0] != self.im_size:
                im = cv2.resize(im, (self.im_size, self.im_size))
            if row.get("flipped"):
                im = hflip(im)
            images.append(convert_image_to_tensor(im))
            labels.append(row["label"])
            bboxes.append(row.get("bbox_target", np.zeros(4)))
        return (torch.stack(images),
                torch.tensor(labels, dtype=torch.float32),
                torch.tensor(np.asarray(bboxes), dtype=torch.float32))
