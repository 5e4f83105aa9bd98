# source: https://github.com/Unity-Technologies/Robotics-Object-Pose-Estimation/issues/45
# error: RuntimeError: Input type (torch.cuda.FloatTensor) and weight type (torch.FloatTensor) should be the same
# pattern: module-not-placed
# shape: multi-file, loader-loop
# needs: torch, numpy
# cpu: no written where torch was not installed; not run
"""Pose-estimation service: answers requests from the pick-and-place controller."""
import argparse
import glob
import os
import time

import numpy as np

from inference import predict_pose

MODEL_PATH = os.environ.get("POSE_MODEL", "models/UR3_single_cube_model.tar")


def quaternion_to_yaw(q):
    x, y, z, w = q
    return float(np.degrees(np.arctan2(2.0 * (w * z + x * y), 1.0 - 2.0 * (y * y + z * z))))


def handle_request(image_path):
    start = time.time()
    translation, orientation = predict_pose([image_path], MODEL_PATH)
    position = translation[0].tolist()
    yaw = quaternion_to_yaw(orientation[0])
    print(f"{os.path.basename(image_path)}: pos={np.round(position, 3)} yaw={yaw:.1f} "
          f"({(time.time() - start) * 1000:.0f} ms)")
    return {"position": position, "orientation": orientation[0].tolist()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--captures", default="captures/*.png")
    args = parser.parse_args()
    responses = [handle_request(path) for path in sorted(glob.glob(args.captures))]
    print(f"answered {len(responses)} pose requests")


if __name__ == "__main__":
    main()
