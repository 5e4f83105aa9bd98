# source: https://github.com/iArunava/ENet-Real-Time-Semantic-Segmentation/issues/14
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, helper
# bug-lines: 41
# needs: torch, numpy, pillow
# cpu: no written where torch was not installed; not run
import numpy as np
import torch
from PIL import Image

from enet import ENet

CAMVID_COLORS = np.array([
    [128, 128, 128], [128, 0, 0], [192, 192, 128], [128, 64, 128],
    [60, 40, 222], [128, 128, 0], [192, 128, 128], [64, 64, 128],
    [64, 0, 128], [64, 64, 0], [0, 128, 192], [0, 0, 0],
], dtype=np.uint8)


def decode_segmap(label_mask):
    return CAMVID_COLORS[label_mask]


def load_image(path, size=(512, 512)):
    img = Image.open(path).convert("RGB").resize(size, Image.BILINEAR)
    tmg = torch.from_numpy(np.array(img)).unsqueeze(0).float() / 255.0
    return tmg.permute(0, 3, 1, 2).contiguous()


def test(FLAGS):
    device = torch.device("cuda" if FLAGS.cuda and torch.cuda.is_available() else "cpu")
    enet = ENet(FLAGS.num_classes)
    checkpoint = torch.load(FLAGS.model_path, map_location=device)
    enet.load_state_dict(checkpoint["state_dict"])
    enet = enet.to(device)
    enet.eval()

    tmg = load_image(FLAGS.image_path)
    with torch.no_grad():
        out1 = enet(tmg.float()).squeeze(0)

    pred = out1.argmax(0).cpu().numpy()
    Image.fromarray(decode_segmap(pred)).save(FLAGS.save_path)
    print("saved prediction to", FLAGS.save_path)
