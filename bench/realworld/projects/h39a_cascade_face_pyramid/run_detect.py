# source: https://github.com/kuaikuaikim/dface/issues/39
# error: RuntimeError: expected scalar type Double but found Float
# pattern: float64-input
# shape: multi-file, top-level
# needs: torch, opencv-python
# cpu: no written where torch was not installed; not run
import sys

import cv2

from detector import MtcnnDetector

img_path = sys.argv[1] if len(sys.argv) > 1 else "./test.jpg"
img = cv2.imread(img_path)
if img is None:
    raise FileNotFoundError(img_path)

mtcnn_detector = MtcnnDetector(pnet_path="./model_store/pnet_epoch.pt", min_face_size=24)
boxes = mtcnn_detector.detect_pnet(img)
print(f"{len(boxes)} candidate windows")

for x1, y1, x2, y2, score in boxes[:50]:
    cv2.rectangle(img, (int(x1), int(y1)), (int(x2), int(y2)), (0, 255, 0), 1)
cv2.imwrite("pnet_candidates.jpg", img)
