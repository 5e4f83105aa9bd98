# source: https://github.com/iArunava/ENet-Real-Time-Semantic-Segmentation/issues/14
# error: RuntimeError: Input type (torch.FloatTensor) and weight type (torch.cuda.FloatTensor) should be the same
# pattern: inputs-not-moved
# shape: multi-file, top-level
# needs: torch
# cpu: no written where torch was not installed; not run
import argparse

from test import test


def str2bool(v):
    return str(v).lower() in ("1", "true", "yes", "y")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", "-mode", choices=["train", "test"], default="test")
    parser.add_argument("--model-path", "-m", dest="model_path", default="./datasets/CamVid/ckpt-enet.pth")
    parser.add_argument("--image-path", "-i", dest="image_path", required=True)
    parser.add_argument("--save-path", dest="save_path", default="prediction.png")
    parser.add_argument("--num-classes", type=int, default=12)
    parser.add_argument("--cuda", type=str2bool, default=False)
    FLAGS, unparsed = parser.parse_known_args()

    if FLAGS.mode.lower() == "test":
        test(FLAGS)
    else:
        raise ValueError("only --mode test is wired up in this demo")
